from django.urls import path

from articles import views

app_name = "articles"

# An article's own page, its reading view, writes claims and so lives in `claims.urls`.
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("upload/", views.article_upload, name="upload"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/original/", views.article_original, name="original"),
]
