export * from './holiday-library';
export * from './working-calendars';
export * from './calendar-changes';
