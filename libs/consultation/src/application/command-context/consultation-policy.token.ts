/** DI token for the ConsultationPolicy the command handlers decide with. */
export const CONSULTATION_POLICY = Symbol('ConsultationPolicy');
