from django.urls import path

from suggestions import views

app_name = "suggestions"

urlpatterns = [
    path("articles/<int:pk>/", views.article_suggestions, name="article"),
    path("<int:pk>/accept/", views.suggestion_accept, name="accept"),
    path("<int:pk>/dismiss/", views.suggestion_dismiss, name="dismiss"),
]
