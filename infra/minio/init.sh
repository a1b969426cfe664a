#!/bin/sh
# One-shot MinIO set-up for infra/compose.yaml (runs in the minio/mc image; idempotent):
# the three buckets, private; a least-privilege user for the app and the render worker (object
# read/write/delete and listing on those buckets only). MinIO's CORS is server-wide
# (MINIO_API_CORS_ALLOW_ORIGIN on the minio service), not per bucket. Shell builtins only besides mc.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY_ID:?}" "${S3_SECRET_ACCESS_KEY:?}"
outputs="${S3_BUCKET_OUTPUTS:-framecast-outputs}"
assets="${S3_BUCKET_ASSETS:-framecast-assets}"
system="${S3_BUCKET_SYSTEM:-framecast-system}"

mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
for bucket in "$outputs" "$assets" "$system"; do
  mc mb --ignore-existing "local/$bucket"
  mc anonymous set none "local/$bucket" >/dev/null
done

policy=/tmp/framecast-app-policy.json
printf '%s\n' \
  '{' \
  '  "Version": "2012-10-17",' \
  '  "Statement": [' \
  '    {' \
  '      "Effect": "Allow",' \
  '      "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],' \
  "      \"Resource\": [\"arn:aws:s3:::$outputs\", \"arn:aws:s3:::$assets\", \"arn:aws:s3:::$system\"]" \
  '    },' \
  '    {' \
  '      "Effect": "Allow",' \
  '      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],' \
  "      \"Resource\": [\"arn:aws:s3:::$outputs/*\", \"arn:aws:s3:::$assets/*\", \"arn:aws:s3:::$system/*\"]" \
  '    }' \
  '  ]' \
  '}' > "$policy"
mc admin policy create local framecast-app "$policy"
if ! mc admin user info local "$S3_ACCESS_KEY_ID" >/dev/null 2>&1; then
  mc admin user add local "$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY"
fi
# Attaching an already attached policy is an error in mc; the state is what we want either way.
mc admin policy attach local framecast-app --user "$S3_ACCESS_KEY_ID" >/dev/null 2>&1 || true
echo "minio-init: buckets ${outputs}, ${assets}, ${system} and the user ${S3_ACCESS_KEY_ID} are ready"
