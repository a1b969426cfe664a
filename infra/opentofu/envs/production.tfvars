environment = "production"
region      = "eu-west-1"
app_origins = ["https://app.framecast.example"]

staging_upload_expiry_days    = 1
runpod_scratch_retention_days = 2
noncurrent_version_days       = 30

# Outputs stay until their job is deleted (the storage counter counts them); set a number of days
# only together with a product decision on retention.
output_retention_days = null

force_destroy = false
