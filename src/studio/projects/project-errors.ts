/**
 * Errors from saving projects. Neither stops the studio: the project stays
 * open in memory, and the message says what was not kept and how to fix it.
 */
import { VivifyError, registerError } from '../../contracts/errors.ts';

/** The browser refused to store more (disk or site quota full). */
export class ProjectQuotaError extends VivifyError {
  static override readonly errorName = 'ProjectQuotaError';
  readonly userMessage =
    'The browser has no room left to save this project, so recent changes are only kept until you close the tab. Delete old projects from the list, or free disk space, and it will save again.';
}

/** Storage is not available at all (private browsing, blocked site data) or failed in another way. */
export class ProjectStorageError extends VivifyError {
  static override readonly errorName = 'ProjectStorageError';
  readonly userMessage =
    'This browser is not letting Vivify save projects (private browsing or blocked site data), so your work is only kept until you close the tab. Export the video before you leave.';
}

registerError(ProjectQuotaError);
registerError(ProjectStorageError);
