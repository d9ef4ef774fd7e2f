"""How articles answer events of the apps below them (connected in `ArticlesConfig.ready`)."""

from simple_history.utils import bulk_update_with_history

from articles.models import Article


def move_outlets_on_source_merge(*, target, duplicate_ids, user, **kwargs) -> None:
    """Articles published by a merged duplicate are published by the kept source."""
    articles = list(Article.objects.filter(outlet_id__in=duplicate_ids))
    for article in articles:
        article.outlet = target
    bulk_update_with_history(
        articles,
        Article,
        ["outlet"],
        default_user=user,
        default_change_reason=f"Outlet merged into {target.name}",
    )
