/**
 * What Discord reports about the list of users of an invite limited to chosen users, as a
 * value the reply renders. Polling for it is src/commands/target-users-job.ts.
 */
import { InviteTargetUsersJobStatus } from 'discord-api-types/v10';
import type { Failure } from './errors.js';

/** What Discord last reported about the list of users. */
export interface JobReport {
	status: InviteTargetUsersJobStatus;
	totalUsers: number;
	processedUsers: number;
	errorMessage: string | null;
	/**
	 * Why Discord will never report on the list, as a failure of ours to show (10124: no job for
	 * the invite): the report is final, with status failed.
	 */
	failure?: Failure | undefined;
}

/** Whether Discord is done with the list, one way or the other. */
export const isFinished = (report: JobReport | undefined): report is JobReport =>
	report?.status === InviteTargetUsersJobStatus.Completed || report?.status === InviteTargetUsersJobStatus.Failed;
