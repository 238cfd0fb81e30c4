/**
 * A sample view model of every document kind (the fictional Murphy family, fixed instants): what
 * the renderer checks each template against at start-up, and what the golden files, the safety
 * and readability tests and the bench render.
 */
import type { ViewModels } from './build';
import { actionPlanFixture } from './kinds/action-plan.fixture';
import { childProtectionReportFixture } from './kinds/child-protection-report.fixture';
import { closingSummaryFixture } from './kinds/closing-summary.fixture';
import { consentRecordFixture } from './kinds/consent-record.fixture';
import { meetingRecordFixture } from './kinds/meeting-record.fixture';
import { requestForSupportFixture } from './kinds/request-for-support.fixture';
import { reviewRecordFixture } from './kinds/review-record.fixture';
import { strengthsAndNeedsRecordFixture } from './kinds/strengths-and-needs-record.fixture';

export const FIXTURES: Readonly<ViewModels> = {
  requestForSupport: requestForSupportFixture,
  consentRecord: consentRecordFixture,
  strengthsAndNeedsRecord: strengthsAndNeedsRecordFixture,
  meetingRecord: meetingRecordFixture,
  actionPlan: actionPlanFixture,
  reviewRecord: reviewRecordFixture,
  closingSummary: closingSummaryFixture,
  childProtectionReport: childProtectionReportFixture,
};
