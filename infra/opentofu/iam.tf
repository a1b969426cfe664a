# Least-privilege credentials. The app (and the render worker, which uses the app's configuration)
# reads and writes objects in its three buckets and nothing else; RunPod's worker-comfyui writes
# finished scenes to the scratch bucket and presigns GETs of them.
#
# The access keys below end up in the state file: keep the state encrypted and access-controlled,
# or delete the aws_iam_access_key resources and issue keys out of band (or use an IAM role when the
# app runs on AWS compute).

data "aws_iam_policy_document" "app" {
  statement {
    sid = "ListAppBuckets"
    actions = [
      "s3:ListBucket",
      "s3:GetBucketLocation",
      "s3:ListBucketMultipartUploads",
    ]
    resources = [for k, b in aws_s3_bucket.this : b.arn if k != "runpod"]
  }

  statement {
    sid = "ReadWriteAppObjects"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [for k, b in aws_s3_bucket.this : "${b.arn}/*" if k != "runpod"]
  }
}

resource "aws_iam_policy" "app" {
  name        = "${local.name}-app-s3"
  description = "Framecast ${var.environment}: the app's access to its S3 buckets"
  policy      = data.aws_iam_policy_document.app.json
}

resource "aws_iam_user" "app" {
  name = "${local.name}-app"
}

resource "aws_iam_user_policy_attachment" "app" {
  user       = aws_iam_user.app.name
  policy_arn = aws_iam_policy.app.arn
}

resource "aws_iam_access_key" "app" {
  user = aws_iam_user.app.name
}

data "aws_iam_policy_document" "runpod" {
  statement {
    sid       = "ListScratchBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.this["runpod"].arn]
  }

  statement {
    sid = "WriteAndPresignScenes"
    actions = [
      "s3:PutObject",
      "s3:GetObject",
      "s3:AbortMultipartUpload",
    ]
    resources = ["${aws_s3_bucket.this["runpod"].arn}/*"]
  }
}

resource "aws_iam_policy" "runpod" {
  name        = "${local.name}-runpod-s3"
  description = "Framecast ${var.environment}: worker-comfyui uploads on RunPod"
  policy      = data.aws_iam_policy_document.runpod.json
}

resource "aws_iam_user" "runpod" {
  name = "${local.name}-runpod"
}

resource "aws_iam_user_policy_attachment" "runpod" {
  user       = aws_iam_user.runpod.name
  policy_arn = aws_iam_policy.runpod.arn
}

resource "aws_iam_access_key" "runpod" {
  user = aws_iam_user.runpod.name
}
