from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.ExportListView.as_view(), name="list"),
    path("download/", views.export_download, name="download"),
    path("to-file/", views.export_job_start, name="job-start"),
    path("import/", views.claim_set_import_page, name="import"),
]
