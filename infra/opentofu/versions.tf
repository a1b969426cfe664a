# Framecast object storage and the app's credentials on AWS S3 (OpenTofu >= 1.6 or Terraform >= 1.5).
#
#   tofu init
#   tofu plan  -var-file=envs/staging.tfvars
#   tofu apply -var-file=envs/staging.tfvars
#
# State: configure a backend (e.g. an S3 backend in a separate account/bucket) before the first
# apply; local state is fine only for a trial.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      app         = "framecast"
      environment = var.environment
      managed_by  = "opentofu"
    }
  }
}
