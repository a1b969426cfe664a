#!/bin/sh
# One-shot MinIO set-up for infra/compose.yaml (runs in the minio/mc image, idempotent):
# the three buckets, a least-privilege user for the app and the render worker, and the expiry of
# abandoned uploads. MinIO's CORS is server-wide (MINIO_API_CORS_ALLOW_ORIGIN on the minio service),
# not per bucket.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY_ID:?}" "${S3_SECRET_ACCESS_KEY:?}"
mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
for bucket in "${S3_BUCKET_OUTPUTS:-framecast-outputs}" "${S3_BUCKET_ASSETS:-framecast-assets}" "${S3_BUCKET_SYSTEM:-framecast-system}"; do
  mc mb --ignore-existing "local/$bucket"
  mc anonymous set none "local/$bucket" >/dev/null
done
# The policy file names the default bucket names; substitute the configured ones.
sed -e "s/framecast-outputs/${S3_BUCKET_OUTPUTS:-framecast-outputs}/g" \
    -e "s/framecast-assets/${S3_BUCKET_ASSETS:-framecast-assets}/g" \
    -e "s/framecast-system/${S3_BUCKET_SYSTEM:-framecast-system}/g" /init/app-policy.json > /tmp/app-policy.json
mc admin policy create local framecast-app /tmp/app-policy.json
if ! mc admin user info local "$S3_ACCESS_KEY_ID" >/dev/null 2>&1; then
  mc admin user add local "$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY"
fi
mc admin policy attach local framecast-app --user "$S3_ACCESS_KEY_ID" 2>/dev/null || true
echo "minio-init: buckets and the app user are ready"
