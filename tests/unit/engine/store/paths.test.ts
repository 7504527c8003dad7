import { describe, expect, it } from 'vitest';
import { defaultStoreDir, storeDbPath } from '../../../../main/engine/store/paths';

describe('defaultStoreDir', () => {
  it('uses XDG_DATA_HOME on Linux when it is absolute', () => {
    expect(
      defaultStoreDir({ platform: 'linux', env: { XDG_DATA_HOME: '/xdg/data' }, homeDir: '/home/ann' }),
    ).toBe('/xdg/data/SpineGrade');
  });
  it('falls back to ~/.local/share on Linux (unset or relative XDG_DATA_HOME)', () => {
    expect(defaultStoreDir({ platform: 'linux', env: {}, homeDir: '/home/ann' })).toBe(
      '/home/ann/.local/share/SpineGrade',
    );
    expect(defaultStoreDir({ platform: 'linux', env: { XDG_DATA_HOME: 'rel' }, homeDir: '/home/ann' })).toBe(
      '/home/ann/.local/share/SpineGrade',
    );
  });
  it('uses Application Support on macOS', () => {
    expect(defaultStoreDir({ platform: 'darwin', env: { XDG_DATA_HOME: '/x' }, homeDir: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/SpineGrade',
    );
  });
  it('uses %APPDATA% on Windows, else the roaming folder under the profile', () => {
    expect(
      defaultStoreDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
        homeDir: 'C:\\Users\\ann',
      }),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\SpineGrade');
    expect(defaultStoreDir({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\bob' })).toBe(
      'C:\\Users\\bob\\AppData\\Roaming\\SpineGrade',
    );
  });
  it('puts the database file inside the folder', () => {
    expect(storeDbPath('/s')).toBe('/s/spinegrade.db');
  });
});
