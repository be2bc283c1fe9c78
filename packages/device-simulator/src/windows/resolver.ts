// The simulator's DNS for SM-DP+ addresses: activation codes name the operator's SM-DP+ (e.g. `smdp.carrierkit.dev`,
// reached over https), while the simulated SM-DP+ listens on one local port. The LPA gets a fetch that sends every
// request to that server, keeping the path.

/** A fetch in which every host resolves to `smdpUrl`'s scheme, host and port. */
export function resolvingFetch(smdpUrl: string, base: typeof fetch = fetch): typeof fetch {
  const target = new URL(smdpUrl);
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    url.protocol = target.protocol;
    url.host = target.host;
    return input instanceof Request ? base(new Request(url, input), init) : base(url, init);
  };
}
