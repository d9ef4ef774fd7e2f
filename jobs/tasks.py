"""The one task the worker knows: run a job by its id (`jobs.runner.job_run`)."""

from django_tasks import TaskContext, task

from jobs.runner import job_run


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    """Run the job `job_id`; the task result holds its final status."""
    return job_run(job_id=job_id, task_id=str(context.task_result.id))
