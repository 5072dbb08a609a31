export { JobsPanel } from './JobsPanel';
export { JobList, JobListView } from './JobList';
export { JobDetail, JobDetailView } from './JobDetail';
export { LogTail } from './LogTail';
