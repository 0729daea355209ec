import { describe, expect, it } from 'vitest';
import { JqlError, compileJql, parseJql } from './index';
import { CTX, SCHEMA, errorOf } from './test-fixtures';

const OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

describe('JqlError', () => {
  it('is an Error with a name and an optional position', () => {
    const error = new JqlError('boom');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('JqlError');
    expect(error.position).toBeUndefined();
  });

  it('carries the position of syntax errors', () => {
    try {
      parseJql('project = SUP AND status foo');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JqlError);
      expect((error as JqlError).position).toEqual({ line: 1, character: 26 });
    }
  });
});

describe('syntax error messages', () => {
  it.each([
    ['project = SUP AND status foo', `Expecting operator but got 'foo'. ${OPERATORS} (line 1, character 26)`],
    ['project = SUP AND\nstatus foo', `Expecting operator but got 'foo'. ${OPERATORS} (line 2, character 8)`],
    ['status = ', 'Expecting either a value, list or function but got the end of the query.'],
    ['status = ORDER BY key', "'ORDER' is a reserved JQL word. You must surround it in quotation characters to use it in a query. (line 1, character 10)"],
    ['status in (Done', "Expecting either ',' or ')' but got the end of the query."],
    ["a = 'abc", "The quoted string 'abc' has not been completed. (line 1, character 5)"],
    ['project = SUP AND (status = Done', "Expecting ')' but got the end of the query."],
    ['project = SUP Done', "Expecting either 'OR' or 'AND' but got 'Done'. (line 1, character 15)"],
  ])('%j', (jql, message) => {
    expect(errorOf(jql)).toBe(`Error in the JQL Query: ${message}`);
  });
});

describe('validation error messages', () => {
  it('unknown fields, in WHERE and ORDER BY, named as written', () => {
    expect(errorOf('foo = 1')).toBe("Field 'foo' does not exist or you do not have permission to view it.");
    expect(errorOf('"Sprint Goal" ~ x')).toBe("Field 'Sprint Goal' does not exist or you do not have permission to view it.");
    expect(errorOf('cf[12345] = 1')).toBe("Field 'cf[12345]' does not exist or you do not have permission to view it.");
    expect(errorOf('ORDER BY Rank')).toBe("Field 'Rank' does not exist or you do not have permission to view it.");
  });

  it.each([
    ['project ~ SUP', '~', 'project'],
    ['status !~ Done', '!~', 'status'],
    ['key ~ SUP-1', '~', 'key'],
    ['created ~ x', '~', 'created'],
    ['due !~ x', '!~', 'due'],
    ['cf[10010] ~ 3', '~', 'cf[10010]'],
    ['id ~ 1', '~', 'id'],
    ['status > Done', '>', 'status'],
    ['labels >= a', '>=', 'labels'],
    ['assignee < x', '<', 'assignee'],
    ['summary <= x', '<=', 'summary'],
    ['text = login', '=', 'text'],
    ['text is EMPTY', 'is', 'text'],
    ['TEXT in (a)', 'in', 'TEXT'],
  ])('operator not supported: %s', (jql, operator, field) => {
    expect(errorOf(jql)).toBe(`The operator '${operator}' is not supported by the '${field}' field.`);
  });

  it('invalid dates name the value and the field as written', () => {
    expect(errorOf('updated > "2024-13-45"')).toBe(`Date value '2024-13-45' for field 'updated' is invalid. ${DATE_FORMATS}`);
    expect(errorOf('createdDate = yesterday')).toBe(`Date value 'yesterday' for field 'createdDate' is invalid. ${DATE_FORMATS}`);
    expect(errorOf('due in (2024-02-01, "31/01/2024")')).toBe(`Date value '31/01/2024' for field 'due' is invalid. ${DATE_FORMATS}`);
    expect(errorOf('created > "2024-01-31T10:00"')).toBe(`Date value '2024-01-31T10:00' for field 'created' is invalid. ${DATE_FORMATS}`);
  });

  it('unknown functions', () => {
    expect(errorOf('assignee = foo()')).toBe("Unable to find JQL function 'foo()'.");
    expect(errorOf('assignee in membersOf("jira-users")')).toBe(`Unable to find JQL function 'membersOf("jira-users")'.`);
    expect(errorOf('issue in linkedIssues(SUP-1, blocks)')).toBe("Unable to find JQL function 'linkedIssues(SUP-1, blocks)'.");
  });

  it('function arguments', () => {
    expect(errorOf('updated > now(1)')).toBe("Function 'now' expected '0' arguments but received '1'.");
    expect(errorOf('updated > startOfDay(1, 2)')).toBe("Function 'startOfDay' expected between '0' and '1' arguments but received '2'.");
    expect(errorOf('updated > endOfDay(soon)')).toBe(
      "Duration for function 'endOfDay' should have the format (+/-)n(y|M|w|d|h|m), e.g. -1M for one month earlier.",
    );
  });

  it('functions whose result does not fit the field', () => {
    expect(errorOf('status = now()')).toBe("A value provided by the function 'now' is invalid for the field 'status'.");
    expect(errorOf('created = currentUser()')).toBe("A value provided by the function 'currentUser' is invalid for the field 'created'.");
    expect(errorOf('summary ~ now()')).toBe("A value provided by the function 'now' is invalid for the field 'summary'.");
    expect(errorOf('"Story Points" > startOfDay()')).toBe("A value provided by the function 'startOfDay' is invalid for the field 'Story Points'.");
  });

  it('invalid numbers and issue keys', () => {
    expect(errorOf('"Story Points" > lots')).toBe("The value 'lots' for field 'Story Points' is not a valid number.");
    expect(errorOf('id in (10001, abc)')).toBe("The value 'abc' for field 'id' is not a valid number.");
    expect(errorOf('key = SUP')).toBe("The issue key 'SUP' for field 'key' is invalid.");
    expect(errorOf('issuekey > 10001')).toBe("The issue key '10001' for field 'issuekey' is invalid.");
  });

  it('operand shapes the operator cannot take', () => {
    expect(errorOf('status = (Done, "To Do")')).toBe(`Operator '=' does not support the list value '(Done, "To Do")' for field 'status'.`);
    expect(errorOf('status in Done')).toBe("Operator 'in' does not support the non-list value 'Done' for field 'status'.");
    expect(errorOf('status not in EMPTY')).toBe("Operator 'not in' does not support the non-list value 'EMPTY' for field 'status'.");
    expect(errorOf('created > EMPTY')).toBe("Operator '>' does not support searching for EMPTY values for field 'created'.");
    expect(errorOf('summary ~ null')).toBe("Operator '~' does not support searching for EMPTY values for field 'summary'.");
  });

  it('text queries Jira refuses', () => {
    expect(errorOf('summary ~ ""')).toBe("The field 'summary' does not support searching for an empty string.");
    expect(errorOf('text ~ "*gin"')).toBe("The text query '*gin' for field 'text' is not allowed to start with wildcard character '*' or '?'.");
  });

  it('ORDER BY on unsortable or repeated fields', () => {
    expect(errorOf('ORDER BY description')).toBe("Field 'description' does not support sorting.");
    expect(errorOf('ORDER BY text')).toBe("Field 'text' does not support sorting.");
    expect(errorOf('ORDER BY status, key, STATUS DESC')).toBe("The sort field 'STATUS' is referenced multiple times in the JQL sort.");
    expect(errorOf('ORDER BY "Story Points", cf[10010]')).toBe("The sort field 'cf[10010]' is referenced multiple times in the JQL sort.");
  });

  it('throws JqlError instances from compileJql', () => {
    expect(() => compileJql(parseJql('foo = 1'), SCHEMA, CTX)).toThrow(JqlError);
  });
});
