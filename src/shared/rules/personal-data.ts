// What in a text meant for the public would identify a person (个人信息保护法第二十五条):
// the public wall of needs (R-RESOURCES-PUBLIC) and published stories (R-PUBLICITY-PRIVACY) use the same check.

export const ID_NUMBER = /(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)/;
export const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
export const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/;

/**
 * What in a text meant for the public would identify a client (R-RESOURCES-PUBLIC): the linked
 * client's name (and the given name alone, two characters or more), an ID number, a phone
 * number, the home address. Empty when the text may be shown.
 */
export function personalDataIn(text: string, person: { name: string | null; address: string | null }): string[] {
  const found: string[] = [];
  const name = person.name?.trim() ?? '';
  if (name && text.includes(name)) found.push('服务对象姓名');
  else if (name.length >= 3 && text.includes(name.slice(1))) found.push('服务对象姓名');
  if (ID_NUMBER.test(text)) found.push('身份证号');
  if (MOBILE.test(text) || LANDLINE.test(text)) found.push('电话号码');
  const address = person.address?.trim() ?? '';
  if (address.length >= 4 && text.includes(address)) found.push('住址');
  return found;
}
