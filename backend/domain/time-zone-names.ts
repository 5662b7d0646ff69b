/**
 * IANA's current names for the zones ICU (and so Node's Intl) still calls by their old names: CLDR
 * keeps a zone's first identifier stable, so `resolvedOptions().timeZone` answers `Asia/Calcutta` for
 * `Asia/Kolkata`. Every old name here is a link in the tz database's `backward` file to the current
 * one. These are all the renames among the names Node 24's ICU (78, tzdata 2026c) answers; ICU's other
 * names that tzdata links elsewhere (Europe/Bratislava → Europe/Prague, …) are a country's own current
 * name, not a rename, and stay. A later ICU may answer the new names itself: then the table is moot.
 * Rows stored before this table are renamed by migration 20261201151500_current_zone_names (plain
 * SQL without comments: Prisma's CLI failed to apply it with the explanation as a comment on top).
 */
export const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};
