import { JobDetailSkeleton } from "@/components/jobs/job-detail";

export default function Loading() {
  return <JobDetailSkeleton />;
}
