"""Where uploaded originals are kept, chosen by the environment (read by the settings).

Local disk (MEDIA_ROOT) unless STORAGE_BUCKET names an S3-compatible bucket — AWS S3, MinIO,
Ceph, Garage, SeaweedFS — through django-storages (`pip install ".[s3]"`), so that several app
servers share the files. The bucket stays private: nobody is sent a bucket address; downloads
stream through the app behind login (articles.views.article_original), and the short-lived
signed URLs django-storages can make are only a fallback for direct use.
"""

from project.env import env_int, env_str

LOCAL_DISK = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def default_storage_from_environment() -> dict:
    bucket = env_str("STORAGE_BUCKET", "")
    if not bucket:
        return LOCAL_DISK
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Empty means AWS itself; other S3-compatible servers give their address.
            "endpoint_url": env_str("STORAGE_ENDPOINT_URL", "") or None,
            "region_name": env_str("STORAGE_REGION", "") or None,
            # Empty: boto3 finds credentials itself (AWS_* variables, an instance role).
            "access_key": env_str("STORAGE_ACCESS_KEY", "") or None,
            "secret_key": env_str("STORAGE_SECRET_KEY", "") or None,
            "location": env_str("STORAGE_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env_int("STORAGE_URL_SECONDS", 60),
        },
    }
