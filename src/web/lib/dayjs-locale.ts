// Dates in Chinese (date pickers, weekday names), set once for the pages that use dayjs: imported
// by the signed-in and public frames, so the login page's first download goes without dayjs.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');
