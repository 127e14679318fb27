/** The consistency level names cqlsh accepts, in the protocol's order. */
export const CONSISTENCY_LEVELS: readonly string[] = ['ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_QUORUM', 'EACH_QUORUM', 'SERIAL', 'LOCAL_SERIAL', 'LOCAL_ONE'];
