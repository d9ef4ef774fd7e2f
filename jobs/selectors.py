"""Reads of jobs: whose a person sees."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from jobs.models import Job
from project import roles


def job_list(*, user: AbstractBaseUser) -> QuerySet[Job]:
    """The jobs `user` may see, newest first: admins every job, everyone else their own."""
    jobs = Job.objects.select_related("created_by")
    if not roles.can_see_every_job(user):
        jobs = jobs.filter(created_by=user)
    return jobs
