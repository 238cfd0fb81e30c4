import { AuthenticationError, actorFromClaims, claimsFor, confirmSignedIn } from './claims';

const claims = { sub: 'user-aoife', role: 'leadPractitioner', area: 'dublin-south-central' };

describe('the actor a token names (actorFromClaims)', () => {
  it('is the user, role and area of the claims, with the name when there is one', () => {
    expect(actorFromClaims(claims)).toStrictEqual({ id: 'user-aoife', role: 'leadPractitioner', areaId: 'dublin-south-central' });
    expect(actorFromClaims({ ...claims, name: 'Aoife' })).toStrictEqual({ id: 'user-aoife', role: 'leadPractitioner', areaId: 'dublin-south-central', name: 'Aoife' });
  });

  it('leaves out a blank or non-text name (display only: never a reason to refuse)', () => {
    for (const name of ['', '   ', 42, null]) {
      expect(actorFromClaims({ ...claims, name })).toStrictEqual({ id: 'user-aoife', role: 'leadPractitioner', areaId: 'dublin-south-central' });
    }
  });

  it('refuses a token naming no user: no sub, an empty or blank one, or one that is not text', () => {
    for (const sub of [undefined, '', '   ', '\t\n', 42]) {
      expect(() => actorFromClaims({ ...claims, sub })).toThrow(new AuthenticationError('The token does not name a user (claim "sub").'));
    }
  });

  it('refuses a token naming no known role, or the system role (the deadline worker never signs in)', () => {
    for (const role of [undefined, '', '  ', 'superuser', ' coordinator', 'system', 7]) {
      expect(() => actorFromClaims({ ...claims, role })).toThrow(new AuthenticationError('The token does not name a known role (claim "role").'));
    }
    expect(actorFromClaims({ ...claims, role: 'coordinator' }).role).toBe('coordinator');
  });

  it('refuses a token naming no area: none, an empty or blank one, or one that is not text', () => {
    for (const area of [undefined, '', ' ', 3]) {
      expect(() => actorFromClaims({ ...claims, area })).toThrow(new AuthenticationError('The token does not name an area (claim "area").'));
    }
  });

  it('raises an AuthenticationError, an Error named so in logs (the API answers 401)', () => {
    let caught: unknown;
    try {
      actorFromClaims({});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AuthenticationError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('AuthenticationError');
    expect(String(caught)).toBe('AuthenticationError: The token does not name a user (claim "sub").');
  });
});

describe('the claims signed for an actor (claimsFor)', () => {
  it('are the inverse of actorFromClaims, with a name only when the actor has one', () => {
    const aoife = { id: 'user-aoife', role: 'leadPractitioner' as const, areaId: 'dublin-south-central', name: 'Aoife' };
    expect(claimsFor(aoife)).toStrictEqual({ sub: 'user-aoife', role: 'leadPractitioner', area: 'dublin-south-central', name: 'Aoife' });
    expect(actorFromClaims({ ...claimsFor(aoife) })).toStrictEqual(aoife);
    const { name: _, ...unnamed } = aoife;
    expect(claimsFor(unnamed)).toStrictEqual({ sub: 'user-aoife', role: 'leadPractitioner', area: 'dublin-south-central' });
    expect(claimsFor({ ...unnamed, name: '' })).toStrictEqual({ sub: 'user-aoife', role: 'leadPractitioner', area: 'dublin-south-central' });
  });
});

describe('signing in (confirmSignedIn)', () => {
  const aoife = { id: 'user-aoife', role: 'leadPractitioner' as const, areaId: 'dublin-south-central' };
  const account = { id: 'user-aoife', role: 'leadPractitioner', areaId: 'dublin-south-central', active: true };

  it('tells the user why their token does not let them in, and what to do', () => {
    expect(() => confirmSignedIn(aoife, undefined)).toThrow(
      new AuthenticationError('The bearer token names a user this service does not know (claim "sub"): ask your administrator for an account.'),
    );
    expect(() => confirmSignedIn(aoife, { ...account, active: false })).toThrow(
      new AuthenticationError('The bearer token names a user whose account is no longer active: ask your administrator.'),
    );
    expect(() => confirmSignedIn(aoife, { ...account, role: 'coordinator' })).toThrow(
      new AuthenticationError('The bearer token says role "leadPractitioner", but the account of user-aoife holds role "coordinator": ask for a new token.'),
    );
    expect(() => confirmSignedIn(aoife, { ...account, areaId: 'galway' })).toThrow(
      new AuthenticationError('The bearer token says area "dublin-south-central", but the account of user-aoife belongs to area "galway": ask for a new token.'),
    );
  });
});
