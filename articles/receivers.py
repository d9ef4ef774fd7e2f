"""How articles answer events of the apps below them (connected in `ArticlesConfig.ready`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from articles.models import Article
from articles.services import outlet_allowed


def move_outlets_on_source_merge(*, target, duplicate_ids, user, **kwargs) -> None:
    """Articles published by a merged duplicate are published by the kept source, which must
    then be a media outlet (`outlet_allowed`): merging an outlet into a person or a ministry
    is refused while it publishes articles, and nothing is merged."""
    articles = list(Article.objects.filter(outlet_id__in=duplicate_ids))
    if articles and not outlet_allowed(target):
        raise ValidationError(
            f"“{target.name}” is not a media outlet, and the sources merged into it publish "
            f"{_articles(len(articles))}: merge them into a media outlet instead, or first "
            "choose another outlet for those articles."
        )
    for article in articles:
        article.outlet = target
    bulk_update_with_history(
        articles,
        Article,
        ["outlet"],
        default_user=user,
        default_change_reason=f"Outlet merged into {target.name}",
    )


def keep_outlets_in_use(*, source, **kwargs) -> None:
    """A source that publishes articles stays a media outlet (`outlet_allowed`): its kind may
    change once no article names it as its outlet."""
    if outlet_allowed(source):
        return
    published = Article.objects.filter(outlet=source).count()
    if published:
        raise ValidationError(
            {
                "kind": f"“{source.name}” publishes {_articles(published)}: it stays a media "
                "outlet while they name it. Choose another outlet for them first, or merge it "
                "into the source it should be."
            },
            code="outlet_in_use",
        )


def _articles(count: int) -> str:
    return ngettext("%(count)s article", "%(count)s articles", count) % {"count": f"{count:,}"}
