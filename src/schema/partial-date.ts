import { PartialDateRef } from './refs.ts';

PartialDateRef.implement({
  description: 'A date known to the year, the month or the day, as precisely as the source allows.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    month: t.exposeInt('month', { nullable: true, description: 'The month (1–12), when known.' }),
    day: t.exposeInt('day', { nullable: true, description: 'The day of the month, when known.' }),
    iso: t.exposeString('iso', {
      description: 'The date in ISO 8601 at its precision: "2022", "2022-02" or "2025-05-16".',
    }),
    text: t.exposeString('text', {
      nullable: true,
      description: 'The date as the article words it ("Friday", "February 2022"), when it does.',
    }),
  }),
});
