# Browsers PUT assets straight to S3 with presigned URLs (POST /v1/assets → upload_url) and GET/HEAD
# outputs and assets with presigned URLs; only the app's origins may do so. The presigned PUT is
# bound to Content-Type and Content-Length, which browsers send as ordinary headers.
locals {
  cors_buckets = { for k, v in aws_s3_bucket.this : k => v if contains(["outputs", "assets", "system"], k) }
}

resource "aws_s3_bucket_cors_configuration" "browser" {
  for_each = local.cors_buckets

  bucket = each.value.id

  cors_rule {
    id              = "presigned-browser-access"
    allowed_origins = var.app_origins
    allowed_methods = each.key == "assets" ? ["PUT", "GET", "HEAD"] : ["GET", "HEAD"]
    allowed_headers = ["content-type", "content-length", "content-md5", "x-amz-*"]
    expose_headers  = ["ETag", "Content-Length", "Content-Type", "Content-Range", "Accept-Ranges"]
    max_age_seconds = 3600
  }
}
