import { Init1795392000000 } from './1795392000000-init';
import { People1795392100000 } from './1795392100000-people';
import { CaseReads1795392200000 } from './1795392200000-case-reads';
import { Participants1795392400000 } from './1795392400000-participants';
import { Calendar1795392500000 } from './1795392500000-calendar';
import { FamilyDetails1795392600000 } from './1795392600000-family-details';
import { PreRequestChecklists1795392700000 } from './1795392700000-pre-request-checklists';
import { OutcomeFrameworks1795392900000 } from './1795392900000-outcome-frameworks';
import { LiaisonParticipants1795393000000 } from './1795393000000-liaison-participants';
import { Documents1795393100000 } from './1795393100000-documents';
import { WebSessions1795393200000 } from './1795393200000-web-sessions';

export {
  Calendar1795392500000,
  CaseReads1795392200000,
  FamilyDetails1795392600000,
  Init1795392000000,
  Participants1795392400000,
  People1795392100000,
  PreRequestChecklists1795392700000,
  OutcomeFrameworks1795392900000,
  LiaisonParticipants1795393000000,
  Documents1795393100000,
  WebSessions1795393200000,
};

/**
 * Every migration, oldest first, as class references (works under tsc, SWC and Jest alike).
 * Append new migrations here; never edit one that has shipped.
 */
export const MIGRATIONS = [
  Init1795392000000,
  People1795392100000,
  CaseReads1795392200000,
  Participants1795392400000,
  Calendar1795392500000,
  FamilyDetails1795392600000,
  PreRequestChecklists1795392700000,
  OutcomeFrameworks1795392900000,
  LiaisonParticipants1795393000000,
  Documents1795393100000,
  WebSessions1795393200000,
];
