from django.urls import path

from claims.views import claims, contradictions, dashboard, mine, reading, review, sources, tags

app_name = "claims"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    # The reading view: an article's own page, where its claims are recorded.
    path("articles/<int:pk>/", reading.article_reading, name="reading"),
    path("articles/<int:pk>/annotations/", reading.article_annotations, name="annotations"),
    path(
        "articles/<int:pk>/annotations/create/",
        reading.article_claim_create,
        name="annotations-claim-create",
    ),
    path(
        "articles/<int:pk>/claims/<int:claim_pk>/submit/",
        reading.claim_submit,
        name="claim-submit",
    ),
    path(
        "articles/<int:pk>/claims/<int:claim_pk>/withdraw/",
        reading.claim_withdraw,
        name="claim-withdraw",
    ),
    path(
        "articles/<int:pk>/claims/<int:claim_pk>/delete/",
        reading.claim_delete,
        name="claim-delete",
    ),
    path(
        "articles/<int:pk>/claims/<int:claim_pk>/restore/",
        reading.claim_restore,
        name="claim-restore",
    ),
    path("claims/", claims.ClaimListView.as_view(), name="list"),
    path("claims/mine/", mine.MyClaimsView.as_view(), name="mine"),
    path("claims/<int:pk>/", claims.ClaimDetailView.as_view(), name="detail"),
    path("claims/<uuid:uuid>/", claims.claim_by_uuid, name="by-uuid"),
    path("claims/<int:pk>/review/", review.claim_review, name="review-action"),
    path("review/", review.ReviewQueueView.as_view(), name="review"),
    path("review/approve/", review.review_bulk_approve, name="review-bulk-approve"),
    path("contradictions/", contradictions.ContradictionBoardView.as_view(), name="board"),
    path(
        "contradictions/matrix/",
        contradictions.ContradictionMatrixView.as_view(),
        name="matrix",
    ),
    path("links/<int:pk>/decision/", contradictions.link_decide, name="link-decide"),
    path("sources/", sources.SourceListView.as_view(), name="source-list"),
    path("sources/new/", sources.source_create, name="source-create"),
    path("sources/<int:pk>/", sources.SourceDetailView.as_view(), name="source-detail"),
    path(
        "sources/<int:pk>/reliability/",
        sources.source_set_reliability,
        name="source-reliability",
    ),
    path("sources/<int:pk>/merge/", sources.source_merge, name="source-merge"),
    path("tags/", tags.TagListView.as_view(), name="tag-list"),
    path("tags/<int:pk>/", tags.TagDetailView.as_view(), name="tag-detail"),
    path("tags/<int:pk>/rename/", tags.tag_rename, name="tag-rename"),
    path("tags/<int:pk>/merge/", tags.tag_merge, name="tag-merge"),
]
