/** Injection tokens of the infrastructure the features share. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const ENGINE = Symbol('ENGINE');
export const CLOCK = Symbol('CLOCK');
export const WORKFLOW_DEFINITIONS = Symbol('WORKFLOW_DEFINITIONS');
