from django.urls import path

from exports.api.views import ExportJobView, ExportView, ImportView

urlpatterns = [
    path("export/", ExportView.as_view(), name="export"),
    path("export/job/", ExportJobView.as_view(), name="export-job"),
    path("import/", ImportView.as_view(), name="import"),
]
