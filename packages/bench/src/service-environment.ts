// What infra/systemd gives the bot and the worker beyond their .env, so bench figures are those
// of the services. Every system a bench compares (LangChain's FaissStore too) runs under it.
export const SERVICE_ENVIRONMENT = { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" };

/** Whether glibc backs large allocations with huge pages in this process (it changes load times severalfold). */
export function mallocHugePagesOn(env: NodeJS.ProcessEnv): boolean {
  return env.GLIBC_TUNABLES?.includes(SERVICE_ENVIRONMENT.GLIBC_TUNABLES) ?? false;
}
