variable "environment" {
  description = "Environment name (staging, production); part of every bucket name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]{2,20}$", var.environment))
    error_message = "environment: lowercase letters, digits and dashes, 2-20 characters."
  }
}

variable "region" {
  description = "AWS region of the buckets (the app's S3_REGION)."
  type        = string
}

variable "bucket_prefix" {
  description = "Globally unique prefix of the bucket names: <prefix>-<environment>-<outputs|assets|system|runpod>."
  type        = string
  default     = "framecast"
}

variable "app_origins" {
  description = "Origins allowed to PUT/GET/HEAD presigned URLs from the browser: the app's APP_URL (scheme://host[:port], no path)."
  type        = list(string)

  validation {
    condition     = length(var.app_origins) > 0 && alltrue([for o in var.app_origins : can(regex("^https?://[^/]+$", o))])
    error_message = "app_origins: one or more origins like https://app.example.com (no trailing slash or path)."
  }
}

variable "staging_upload_prefixes" {
  description = <<-EOT
    Key prefixes of browser uploads that were never confirmed; objects under them expire after
    staging_upload_expiry_days. The app puts every upload at staging/<final key>
    (lib/assets/objects.ts) until confirm moves it to its final key.
  EOT
  type        = list(string)
  default     = ["staging/"]
}

variable "staging_upload_expiry_days" {
  description = "Days after which unconfirmed staging uploads expire."
  type        = number
  default     = 1
}

variable "output_retention_days" {
  description = <<-EOT
    Days after which rendered job outputs (videos, thumbnails, scene clips) expire; null keeps them.
    The spec keeps outputs until the job is deleted (DELETE /v1/jobs/:id) and counts their bytes in
    the owner's storage counter, so an expiry here would make the counter overstate usage: leave it
    null unless the product decides on a retention. Job events and webhook deliveries are database
    rows (7 and 30 days, `just cleanup`), not objects.
  EOT
  type        = number
  default     = null
}

variable "runpod_scratch_retention_days" {
  description = "Days worker-comfyui's uploads (the RunPod scratch bucket) are kept; the app copies each clip into the outputs bucket right after the scene completes."
  type        = number
  default     = 2
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted object version is kept in the versioned buckets (assets, system)."
  type        = number
  default     = 30
}

variable "force_destroy" {
  description = "Allow `tofu destroy` to delete non-empty buckets (staging only)."
  type        = bool
  default     = false
}
