import { describe, expect, it } from 'vitest';
import { parseBindingKey, parseDepartment } from '../../src/domain/departments.js';

describe('departments', () => {
  it.each([
    ['marketing', 'marketing'],
    ['Marketing', 'marketing'],
    ['SALES', 'sales'],
    ['service', 'service'],
    ['IT', 'it'],
    ['it', 'it'],
    [' It ', 'it'],
    ['hub', null],
    ['support', null],
    ['', null],
  ])('parseDepartment(%j) = %s', (text, expected) => {
    expect(parseDepartment(text)).toBe(expected);
  });

  it.each([
    ['hub', 'hub'],
    ['HUB', 'hub'],
    ['IT', 'it'],
    ['Sales', 'sales'],
    ['hubs', null],
    ['', null],
  ])('parseBindingKey(%j) = %s', (text, expected) => {
    expect(parseBindingKey(text)).toBe(expected);
  });
});
