import { CodedConflictError } from '#libs/domain';

/** A follow-up rule that the request runs into (409), with its own stable code. */
export class FollowUpConflictError extends CodedConflictError {}
