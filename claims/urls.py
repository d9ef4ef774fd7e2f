from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("claims/", views.ClaimListView.as_view(), name="list"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="detail"),
    path("claims/<int:pk>/review/", views.claim_review, name="review-action"),
    path("review/", views.ReviewQueueView.as_view(), name="review"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
]
