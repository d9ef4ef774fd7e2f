from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("claims/", views.ClaimListView.as_view(), name="list"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="detail"),
    path("claims/<int:pk>/review/", views.claim_review, name="review-action"),
    path("review/", views.ReviewQueueView.as_view(), name="review"),
    path("review/approve/", views.review_bulk_approve, name="review-bulk-approve"),
    path("contradictions/", views.ContradictionBoardView.as_view(), name="board"),
    path("contradictions/matrix/", views.ContradictionMatrixView.as_view(), name="matrix"),
    path("links/<int:pk>/decision/", views.link_decide, name="link-decide"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
    path(
        "sources/<int:pk>/reliability/",
        views.source_set_reliability,
        name="source-reliability",
    ),
    path("sources/<int:pk>/merge/", views.source_merge, name="source-merge"),
]
