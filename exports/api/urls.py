from django.urls import path

from exports.api.version import VersionView
from exports.api.views import ExportJobView, ExportView, ImportView

urlpatterns = [
    path("export/", ExportView.as_view(), name="export"),
    path("export/job/", ExportJobView.as_view(), name="export-job"),
    path("import/", ImportView.as_view(), name="import"),
    path("version/", VersionView.as_view(), name="version"),
]
