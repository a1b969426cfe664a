output "s3_region" {
  description = "S3_REGION"
  value       = var.region
}

output "s3_bucket_outputs" {
  description = "S3_BUCKET_OUTPUTS"
  value       = aws_s3_bucket.this["outputs"].bucket
}

output "s3_bucket_assets" {
  description = "S3_BUCKET_ASSETS"
  value       = aws_s3_bucket.this["assets"].bucket
}

output "s3_bucket_system" {
  description = "S3_BUCKET_SYSTEM"
  value       = aws_s3_bucket.this["system"].bucket
}

output "app_access_key_id" {
  description = "S3_ACCESS_KEY_ID of the app (and the render worker)"
  value       = aws_iam_access_key.app.id
}

output "app_secret_access_key" {
  description = "S3_SECRET_ACCESS_KEY of the app: tofu output -raw app_secret_access_key"
  value       = aws_iam_access_key.app.secret
  sensitive   = true
}

output "runpod_bucket_endpoint_url" {
  description = "BUCKET_ENDPOINT_URL for the RunPod endpoint (infra/runpod/endpoint.json)"
  value       = "https://${aws_s3_bucket.this["runpod"].bucket}.s3.${var.region}.amazonaws.com"
}

output "runpod_access_key_id" {
  description = "BUCKET_ACCESS_KEY_ID for the RunPod endpoint"
  value       = aws_iam_access_key.runpod.id
}

output "runpod_secret_access_key" {
  description = "BUCKET_SECRET_ACCESS_KEY for the RunPod endpoint: tofu output -raw runpod_secret_access_key"
  value       = aws_iam_access_key.runpod.secret
  sensitive   = true
}
