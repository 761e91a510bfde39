// A short list of the most common and breached passwords, English and Chinese usage;
// checked case-insensitively on every password change (security.md: always on).
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '000000', '111111', '123123', '123321', '12345', '123456', '1234567', '12345678', '123456789',
  '1234567890', '12345678a', '123456a', '123456aa', '123456abc', '123qwe', '1314520', '1q2w3e4r',
  '1q2w3e4r5t', '1qaz!qaz', '1qaz2wsx', '1qaz@wsx', '5201314', '654321', '666666', '888888',
  'a123456', 'a12345678', 'a1b2c3d4', 'aa123456', 'aa123456!', 'aa123456.', 'abc123', 'abc12345',
  'abc123456', 'abc@123', 'abc@1234', 'abcd1234', 'abcd@1234', 'admin', 'admin123', 'admin123!',
  'admin888', 'admin@123', 'administrator', 'asd123', 'asdf1234', 'asdfghjkl', 'baseball',
  'changeme', 'changeme1', 'dragon', 'football', 'iloveyou', 'letmein', 'letmein1', 'li123456',
  'master', 'michael', 'monkey', 'p@ssw0rd', 'p@ssw0rd!', 'p@ssw0rd1', 'p@ssword', 'passw0rd',
  'passw0rd!', 'password', 'password1', 'password1!', 'password123', 'password@123', 'princess',
  'q1w2e3r4', 'qazwsx', 'qwe123', 'qwe123!', 'qwer1234', 'qwer@1234', 'qwerty', 'qwerty123',
  'qwertyuiop', 'root', 'root123', 'secret', 'secret123', 'sgz123456', 'sgz@123456', 'sgz@2021',
  'shadow', 'shegong123', 'sunshine', 'superman', 'temp123', 'test123', 'test@123', 'trustno1',
  'wang123456', 'weihai123', 'weihai@123', 'weihai@2021', 'welcome', 'welcome1', 'welcome123',
  'welcome@123', 'woaini', 'woaini1314', 'woaini520', 'zaq12wsx', 'zhang123', 'zxc123', 'zxcvbnm',
]);
