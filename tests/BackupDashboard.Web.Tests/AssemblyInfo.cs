// Hangfire keeps its log provider in a process-wide static that points at the logger factory of
// the last dashboard host built; a host disposed by one test class while another class runs
// would break the other's job servers. The dashboards of this assembly therefore run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
