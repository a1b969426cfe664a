# Retention (spec: outputs stay until their job is deleted; staging uploads 1 day; job events and
# webhook deliveries are database rows that `just cleanup` purges after 7 and 30 days).

resource "aws_s3_bucket_lifecycle_configuration" "assets" {
  bucket = aws_s3_bucket.this["assets"].id

  dynamic "rule" {
    for_each = var.staging_upload_prefixes

    content {
      id     = "expire-staging-uploads-${rule.key}"
      status = "Enabled"

      filter {
        prefix = rule.value
      }

      expiration {
        days = var.staging_upload_expiry_days
      }
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.versioned]
}

resource "aws_s3_bucket_lifecycle_configuration" "outputs" {
  bucket = aws_s3_bucket.this["outputs"].id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  dynamic "rule" {
    for_each = var.output_retention_days == null ? [] : [var.output_retention_days]

    content {
      id     = "expire-job-outputs"
      status = "Enabled"

      filter {}

      expiration {
        days = rule.value
      }
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "system" {
  bucket = aws_s3_bucket.this["system"].id

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.versioned]
}

resource "aws_s3_bucket_lifecycle_configuration" "runpod" {
  bucket = aws_s3_bucket.this["runpod"].id

  rule {
    id     = "expire-runpod-scratch"
    status = "Enabled"

    filter {}

    expiration {
      days = var.runpod_scratch_retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}
