# Errors of the Admin API sync and of the OS keychain that keeps its keys.

sync-no-key = no { $provider } Admin key is stored; add one with `aispend keys set { $id }` (sync is off until a key is stored)
sync-key-rejected = { $provider } refused the { $provider } Admin key stored in the OS keychain (HTTP { $status }: { $detail }). { $advice }
sync-advice-forbidden = The key was recognised but may not read usage and costs: use { $kind }, then store it with `aispend keys set { $id }`.
sync-advice-invalid = The key may be mistyped, revoked or expired: create a new one ({ $kind }) and store it with `aispend keys set { $id }`, or remove it with `aispend keys remove { $id }`.
sync-key-kind-openai = an OpenAI Admin key (sk-admin-...) created by an organization owner
sync-key-kind-anthropic = an Anthropic Admin key (sk-ant-admin...) of an organization (individual accounts have no Admin API)
sync-key-kind-other = an Admin key of a provider whose Admin API AI Spend reads (OpenAI, Anthropic)
sync-http = { $provider } answered HTTP { $status } for { $path }: { $detail }
sync-network = could not reach { $provider } ({ $host }): { $detail }; check the network connection and try again
sync-bad-response = { $provider } sent a page of { $path } that could not be read: { $detail }
sync-base-url = the { $provider } base URL { $url } cannot be used: { $reason }
sync-url-not-url = it is not a URL
sync-url-plain-http = plain http is allowed only to this machine (127.0.0.1)
sync-url-https = it must start with https://
sync-url-host = it must name a host and no user
sync-url-no-admin-api = this provider has no Admin API AI Spend reads; import its export instead
sync-reason-text = { $text }
sync-cancelled = sync cancelled; nothing was imported for the endpoint in progress
sync-client = could not start the network client: { $detail }

key-no-keychain = this build of AI Spend has no OS keychain to keep the key in (the keyring library would only hold it in memory and lose it at exit); keys can be stored on macOS (Keychain), Windows (Credential Manager) and Linux (Secret Service)
key-unavailable = could not reach the OS keychain: { $detail }; on Linux a Secret Service (GNOME Keyring or KWallet) must be running and unlocked
key-invalid = that is not { $expected }: { $reason }
key-stored-invalid = the { $provider } key in the OS keychain is not { $expected }; store it again with `aispend keys set { $id }`
key-expect-openai = an OpenAI Admin key (sk-admin-...)
key-expect-anthropic = an Anthropic Admin key (sk-ant-admin...)
key-expect-any = an OpenAI or Anthropic Admin key (the providers whose Admin API AI Spend reads)
key-reason-empty = nothing was entered
key-reason-anthropic-key = it looks like an Anthropic key
key-reason-openai-key = it looks like an OpenAI key
key-reason-openai-prefix = it does not start with sk-admin- (project and service-account keys cannot read the organization's costs; create an Admin key in the organization settings)
key-reason-anthropic-prefix = it does not start with sk-ant-admin (API keys cannot read the organization's costs; create an Admin key in the Console)
key-reason-no-admin-api = this provider has no Admin API AI Spend reads
key-reason-no-admin-api-import = this provider has no Admin API AI Spend reads; import its usage export instead (`aispend import FILE`)
key-reason-short = it is too short
key-reason-characters = it contains spaces or characters a key never has
