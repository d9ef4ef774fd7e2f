from rest_framework.routers import SimpleRouter

from claims.api.source_views import SourceViewSet, TagViewSet
from claims.api.views import ClaimViewSet, LinkViewSet

router = SimpleRouter()
router.register("sources", SourceViewSet, basename="source")
router.register("claims", ClaimViewSet, basename="claim")
router.register("links", LinkViewSet, basename="link")
router.register("tags", TagViewSet, basename="tag")

urlpatterns = router.urls
