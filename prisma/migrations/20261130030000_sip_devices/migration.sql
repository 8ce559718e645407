-- SIP identities (issue 8): devices, the digest credentials phones register with.
--
--   devices: a tenant table (app_make_tenant_table). A device belongs to an extension of the same
--     account and authenticates as `auth_username` in `realm`, one of its account's SIP domains:
--     the foreign key (realm, account_id, realm_kind) -> host_map (hostname, account_id, kind)
--     with realm_kind fixed to 'sip' makes the database refuse another account's domain and a
--     brand domain alike. `auth_username` is unique within its realm across all tenants
--     (devices_realm_username_unique): 1002@sip.a and 1002@sip.b are two identities.
--     The password is never stored: only its digest HA1 values, H(username:realm:password), with
--     MD5 (RFC 2617) and SHA-256 (RFC 8760).
--   Added: host_map_hostname_account_kind (the unique key the realm's foreign key names).
--   Added: app_domain_device_count(text, uuid): how many devices use a SIP domain, for the
--     domain's removal to say so (a reseller removing a child's domain cannot read its devices).
--   Added: app_resolve_device(text, text): the signalling layer's look-up of a device by
--     (auth_username, realm), before any tenant is known (server/sip/resolve-device.ts).

ALTER TABLE host_map ADD CONSTRAINT host_map_hostname_account_kind UNIQUE (hostname, account_id, kind);

CREATE TYPE device_status AS ENUM ('active', 'disabled');

CREATE TABLE devices (
  account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  extension_id     uuid NOT NULL,
  label            text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  realm            text NOT NULL,
  -- Always 'sip': part of the realm's foreign key, so only a SIP domain can be a realm.
  realm_kind       host_kind NOT NULL DEFAULT 'sip' CONSTRAINT devices_realm_is_sip CHECK (realm_kind = 'sip'),
  auth_username    text NOT NULL CONSTRAINT devices_auth_username_format
                   CHECK (auth_username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  ha1_md5          text NOT NULL CHECK (ha1_md5 ~ '^[0-9a-f]{32}$'),
  ha1_sha256       text NOT NULL CHECK (ha1_sha256 ~ '^[0-9a-f]{64}$'),
  -- null: the account's effective default_cid_number
  caller_id_number text CONSTRAINT devices_caller_id_e164 CHECK (is_e164(caller_id_number)),
  status           device_status NOT NULL DEFAULT 'active',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  FOREIGN KEY (account_id, extension_id) REFERENCES extensions (account_id, id) ON DELETE RESTRICT,
  CONSTRAINT devices_realm_of_account FOREIGN KEY (realm, account_id, realm_kind)
    REFERENCES host_map (hostname, account_id, kind) ON DELETE RESTRICT ON UPDATE RESTRICT,
  CONSTRAINT devices_realm_username_unique UNIQUE (realm, auth_username)
);
CALL app_make_tenant_table('devices');
CREATE INDEX devices_extension ON devices (account_id, extension_id);
CREATE INDEX devices_realm_account ON devices (realm, account_id);

-- How many devices use the SIP domain `p_hostname` of `p_account_id`; answers only for the request's
-- own tenant or an account below it (NULL otherwise), and says nothing else about them.
CREATE FUNCTION app_domain_device_count(p_hostname text, p_account_id uuid)
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT (SELECT count(*) FROM devices d WHERE d.realm = p_hostname AND d.account_id = a.id)::integer
    FROM accounts a
   WHERE a.id = p_account_id
     AND (a.id = app_current_tenant() OR a.ancestors @> ARRAY[app_current_tenant()])
$$;
REVOKE ALL ON FUNCTION app_domain_device_count(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_domain_device_count(text, uuid) TO portal_app;

-- The device that registers as `p_auth_username` in `p_realm`, with what digest authentication and
-- the call's caller ID need, and the status of the device and, in effect, of its account: 'closed'
-- when it or an ancestor is closed, else 'suspended' when one is suspended, else 'active'. The
-- caller decides (server/sip/resolve-device.ts); this only reads. At most one row (the unique key).
CREATE FUNCTION app_resolve_device(p_auth_username text, p_realm text)
RETURNS TABLE (
  device_id uuid, account_id uuid, extension_id uuid, extension_number text, label text,
  auth_username text, realm text, ha1_md5 text, ha1_sha256 text,
  caller_id_number text, device_status device_status, account_status account_status
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.id, d.account_id, d.extension_id, e.number, d.label, d.auth_username, d.realm,
         d.ha1_md5, d.ha1_sha256,
         coalesce(
           d.caller_id_number,
           (SELECT c.default_cid_number FROM app_branding_chain(d.account_id) c
             WHERE c.default_cid_number IS NOT NULL ORDER BY c.depth LIMIT 1),
           (SELECT p.default_cid_number FROM platform_settings p LIMIT 1)
         ),
         d.status,
         (SELECT CASE WHEN bool_or(x.status = 'closed') THEN 'closed'
                      WHEN bool_or(x.status = 'suspended') THEN 'suspended'
                      ELSE 'active' END::account_status
            FROM accounts x WHERE x.id = ANY (a.ancestors || a.id))
    FROM devices d
    JOIN extensions e ON e.account_id = d.account_id AND e.id = d.extension_id
    JOIN accounts a ON a.id = d.account_id
   WHERE d.realm = p_realm AND d.auth_username = p_auth_username
$$;
REVOKE ALL ON FUNCTION app_resolve_device(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_resolve_device(text, text) TO portal_app;
