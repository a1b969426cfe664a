environment = "staging"
region      = "eu-west-1"
app_origins = ["https://staging.framecast.example"]

staging_upload_expiry_days    = 1
runpod_scratch_retention_days = 2
noncurrent_version_days       = 7

# Staging buckets may be torn down with their contents.
force_destroy = true
