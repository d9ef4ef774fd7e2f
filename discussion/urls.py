from django.urls import path

from discussion import views

app_name = "discussion"

urlpatterns = [
    path("", views.DiscussionView.as_view(), name="list"),
    path("claims/<int:pk>/comments/", views.comment_post, name="post"),
    path("comments/<int:pk>/withdraw/", views.comment_withdraw, name="withdraw"),
    path("seen/", views.comments_all_seen, name="all-seen"),
]
