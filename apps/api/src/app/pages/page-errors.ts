/** The errors of the pages that are not HTTP errors of the API: answered by the PageErrorFilter. */
import type { NoSession } from './page-session';

/** The page needs a signed-in person: answered with a redirect to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly ended: NoSession['ended']) {
    super('Sign in to see this page.');
    this.name = 'SignInRequired';
  }
}

/** A form without the token of the session that showed it (CSRF), or from another site: 403. */
export class FormExpired extends Error {
  constructor() {
    super('The form was sent without the token of the page that showed it.');
    this.name = 'FormExpired';
  }
}
