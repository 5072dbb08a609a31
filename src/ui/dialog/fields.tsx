import React from 'react';

/** Labelled form controls of the Train dialog. */

export function Select(props: {
  label: string;
  name: string;
  value: string;
  options: string[];
  labels?: string[];
  onChange: (value: string) => void;
}): JSX.Element {
  const options = props.options.includes(props.value)
    ? props.options
    : [props.value, ...props.options];
  return (
    <label>
      {props.label}
      <select
        name={props.name}
        value={props.value}
        onChange={e => props.onChange(e.target.value)}
      >
        {options.map((option, i) => (
          <option key={option} value={option}>
            {props.labels?.[props.options.indexOf(option)] ?? option}
            {i === 0 && !props.options.includes(option) ? ' (unavailable)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NumberField(props: {
  label: string;
  name: string;
  value: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}): JSX.Element {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={1}
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        onChange={e => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}

export function TextField(props: {
  label: string;
  name: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
}): JSX.Element {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        value={props.value}
        placeholder={props.placeholder}
        onChange={e => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function TextArea(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
}): JSX.Element {
  return (
    <label>
      {props.label}
      <textarea
        name={props.name}
        rows={2}
        value={props.value}
        onChange={e => props.onChange(e.target.value)}
      />
    </label>
  );
}
