locals {
  name = "${var.bucket_prefix}-${var.environment}"

  # The app's three buckets (S3_BUCKET_OUTPUTS, S3_BUCKET_ASSETS, S3_BUCKET_SYSTEM).
  app_buckets = {
    outputs = "${local.name}-outputs"
    assets  = "${local.name}-assets"
    system  = "${local.name}-system"
  }

  # worker-comfyui's S3 mode uploads each finished scene here (BUCKET_ENDPOINT_URL on the RunPod
  # endpoint); the app copies the clip into the outputs bucket and never serves from this one.
  runpod_bucket = "${local.name}-runpod"

  all_buckets = merge(local.app_buckets, { runpod = local.runpod_bucket })
}

resource "aws_s3_bucket" "this" {
  for_each = local.all_buckets

  bucket        = each.value
  force_destroy = var.force_destroy
}

# Private buckets: every read and write goes through the app's credentials or a presigned URL.
resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
    bucket_key_enabled = true
  }
}

# Deny plain-HTTP access to every bucket.
data "aws_iam_policy_document" "tls_only" {
  for_each = aws_s3_bucket.this

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      each.value.arn,
      "${each.value.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  policy = data.aws_iam_policy_document.tls_only[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

# User uploads and system assets can be restored after an accidental delete or overwrite.
resource "aws_s3_bucket_versioning" "versioned" {
  for_each = { for k, v in aws_s3_bucket.this : k => v if contains(["assets", "system"], k) }

  bucket = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}
