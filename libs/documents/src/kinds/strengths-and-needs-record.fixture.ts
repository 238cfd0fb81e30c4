/**
 * A sample Strengths and Needs record: the Murphy assessment, agreed by Siobhán. Seán's own words
 * are in Irish (`lang: 'ga'`): he goes to an Irish-language class.
 */
import { irishRating, IRELAND_OUTCOME_FRAMEWORK, IRELAND_SCALE, murphyBase } from './murphy.fixture';
import type { StrengthsAndNeedsRecordView } from './strengths-and-needs-record';

const side = (id: string) => {
  const found = IRELAND_OUTCOME_FRAMEWORK.sides.find((s) => s.id === id);
  return { side: found?.label ?? { en: id }, description: found?.description ?? null };
};

export const strengthsAndNeedsRecordFixture: StrengthsAndNeedsRecordView = {
  ...murphyBase('2026-03-20T16:00:00Z'),
  sides: [
    {
      ...side('howIGrowAndDevelop'),
      strengths: [{ description: 'Loves football and trains twice a week.', scale: 8, category: null }],
      needs: [{ description: 'Misses school on Mondays and Fridays.', scale: 3, category: 'school attendance' }],
    },
    {
      ...side('whatINeedFromPeopleWhoLookAfterMe'),
      strengths: [{ description: 'Warm, close relationship with his mother and grandmother.', scale: null, category: null }],
      needs: [],
    },
    {
      ...side('myWiderWorld'),
      strengths: [],
      needs: [{ description: 'No after-school place since the club closed.', scale: 0, category: 'childcare' }],
    },
  ],
  desiredOutcomes: ['Seán goes to school every day', 'Mam gets some time for herself'],
  views: {
    child: { words: 'Is maith liom mo mhúinteoir ach bíonn an clós scanrúil. Ba mhaith liom níos mó peile a imirt.', reasonNotRecorded: null, lang: 'ga' },
    parents: { words: "Since Dad died I can't get him out the door in the mornings.", reasonNotRecorded: null, lang: null },
    practitioner: 'A loving family under strain; attendance is the first thing to work on.',
  },
  ratings: [irishRating('achievingFullPotential', 1, 'Attendance at 66%.', 1)],
  scale: IRELAND_SCALE,
  completedAt: '2026-03-18T15:20:00Z',
  agreedBy: 'Siobhán Murphy',
  agreedAt: '2026-03-20T15:55:00Z',
  reopenReasons: ['Mam asked to add her own view on the housing situation.'],
};
