from django.urls import path

from articles import reading, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("upload/", views.article_upload, name="upload"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/original/", views.article_original, name="original"),
    path("<int:pk>/", reading.article_detail, name="detail"),
    path("<int:pk>/annotations/", reading.article_annotations, name="annotations"),
    path("<int:pk>/claims/<int:claim_pk>/submit/", reading.claim_submit, name="claim-submit"),
    path("<int:pk>/claims/<int:claim_pk>/delete/", reading.claim_delete, name="claim-delete"),
    path("<int:pk>/claims/<int:claim_pk>/restore/", reading.claim_restore, name="claim-restore"),
]
